"""The shell has no pages of its own beyond the front page (wired in ``styring.urls``)."""
app_name = "web"
urlpatterns: list = []
