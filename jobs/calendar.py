"""« Ajouter la date limite à mon agenda »: an open offer's deadline as an iCalendar file (RFC 5545).

One event at 23:59 Paris time on the deadline, with the Europe/Paris VTIMEZONE (so calendars that
do not know the zone still place it right), a reminder three days before, and a UID made of the
reference and the site's host: the same file downloaded twice, or again after the deadline moved,
updates the one event instead of adding another.
"""

import datetime
import zoneinfo

import icalendar

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
REMINDER = datetime.timedelta(days=3)


def deadline_event(job, request):
    """The .ics text (bytes) of `job`'s deadline; the job is open and has a deadline."""
    url = request.build_absolute_uri(job.get_absolute_url())
    host = request.get_host().split(":")[0]
    start = datetime.datetime.combine(job.deadline, datetime.time(23, 59), tzinfo=PARIS)

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{job.employer.name}//Offres d’emploi//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")

    event = icalendar.Event()
    event.add("uid", f"date-limite-{job.reference}@{host}")
    # The offer's last change, not the request's time: the same offer gives the same file.
    event.add("dtstamp", job.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + datetime.timedelta(minutes=1))
    event.add("summary", f"Date limite de candidature : {job.title} (Réf. {job.reference})")
    event.add(
        "description",
        f"Candidatures jusqu’à 23 h 59 (heure de Paris) pour l’offre « {job.title} », "
        f"Réf. {job.reference}, {job.employer.name}.\n{url}",
    )
    event.add("url", url)
    event.add("location", job.location_label)
    event.add("transp", "TRANSPARENT")  # A reminder, not a busy hour.

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Plus que 3 jours pour candidater : {job.title}")
    alarm.add("trigger", -REMINDER)
    event.add_component(alarm)

    cal.add_component(event)
    # The VTIMEZONE of the zone the event names, with the rules of the years around it.
    cal.add_missing_timezones()
    return cal.to_ical()


def filename(job):
    return f"date-limite-{job.reference}.ics"
