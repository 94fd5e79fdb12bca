from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("<str:kind>/<int:pk>/<str:form_name>/", views.send, name="send"),
]
