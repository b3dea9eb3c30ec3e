from . import public
