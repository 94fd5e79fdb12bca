from django.contrib import admin

from .models import Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["term", "definition", "also", "updated_at"]
    search_fields = ["term", "definition", "also"]
    prepopulated_fields = {"slug": ["term"]}
