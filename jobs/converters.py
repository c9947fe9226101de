"""URL converters of the jobs app."""


class ReferenceConverter:
    """An offer reference (« 2024-1745203 », « SYN-00000001 »): letters, digits and dashes.

    Anything else (a NUL byte, quotes, spaces) never reaches the database: the URL does not match
    and the visitor gets a 404 (PostgreSQL refuses NUL bytes in text with an error, i.e. a 500).
    """

    regex = r"[A-Za-z0-9][A-Za-z0-9-]{0,29}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
