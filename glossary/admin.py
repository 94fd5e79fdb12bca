from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Term


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ["term", "definition", "also", "updated_at"]
    search_fields = ["term", "definition", "also"]
    prepopulated_fields = {"slug": ["term"]}
