from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("2fa/", views.two_factor_setup, name="two_factor_setup"),
    path("2fa/verify/", views.two_factor_verify_view, name="two_factor_verify"),
]
