"""kbclient: the offline, bilingual knowledge-base client of the platform."""

__version__ = "0.1.0"
