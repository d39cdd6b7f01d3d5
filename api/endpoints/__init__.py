"""Endpoint definitions, one mixin per domain. Each endpoint is written once and serves both clients."""
from .accounts import Accounts
from .instance import Instance
from .media import Media
from .notifications import Notifications
from .oauth import OAuth
from .paging import Paging
from .statuses import Statuses
from .timelines import Timelines

ENDPOINT_MIXINS = (OAuth, Instance, Timelines, Statuses, Media, Accounts, Notifications, Paging)
