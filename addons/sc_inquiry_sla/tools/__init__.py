from . import deadline
