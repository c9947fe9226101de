"""Django's JSON serialization, with datetimes and times to the microsecond (backups).

The output is ordinary fixture JSON: `loaddata` reads it with the standard json format.
"""

import datetime

from django.core.serializers.json import Deserializer  # noqa: F401 (part of the format)
from django.core.serializers.json import Serializer as JSONSerializer


class Serializer(JSONSerializer):
    def _value_from_field(self, obj, field):
        value = super()._value_from_field(obj, field)
        if isinstance(value, datetime.datetime | datetime.time):
            return value.isoformat()
        return value
