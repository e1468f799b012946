"""The English pages write dates and amounts as the Vietnamese ones do (see `..`)."""

from ..vi.formats import *  # noqa: F403 - the same formats, by design
