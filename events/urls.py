"""URLs of the event pages: the list, the timeline and the event page."""

from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("timeline/", views.event_timeline, name="timeline"),
    path("<int:pk>/", views.event_detail, name="detail"),
]
