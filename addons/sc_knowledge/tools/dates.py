"""Dates shown to people: the service center's wall-clock time, in the date
format and short time format of the reader's language (Odoo's ``res.lang``),
as Odoo's ``format_datetime`` writes them."""

import babel.dates
import pytz

from odoo.tools.misc import babel_locale_parse, get_lang, posix_to_ldml

from . import SERVICE_TZ


def service_datetime_formatter(env, weekday=False):
    """A function writing a naive UTC datetime as e.g. "01.04.2026 10:00" in
    German or "04/01/2026 10:00" in English (Europe/Berlin); ``weekday`` puts
    the short day name first ("Mi., 01.04.2026, 10:00"). The language
    (``env``'s, as Odoo finds it) is looked up once, so that a list of dates
    costs what babel costs."""
    lang = get_lang(env)
    locale = babel_locale_parse(lang.code)
    date = posix_to_ldml(lang.date_format, locale)
    time = posix_to_ldml(lang.short_time_format, locale)
    pattern = f"EEE, {date}, {time}" if weekday else f"{date} {time}"
    zone = pytz.timezone(SERVICE_TZ)

    def format_local(value):
        local = pytz.utc.localize(value).astimezone(zone)
        return babel.dates.format_datetime(local, pattern, locale=locale)

    return format_local
