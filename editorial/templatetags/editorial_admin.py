from django import template

from editorial.dashboard import dashboard

register = template.Library()


@register.inclusion_tag("admin/editorial/dashboard.html", takes_context=True)
def governance_dashboard(context):
    request = context["request"]
    return dashboard(request.user)
