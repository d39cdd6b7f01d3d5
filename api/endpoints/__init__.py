"""Endpoint definitions, one mixin per domain. Each endpoint is written once and serves both clients."""
from .accounts import Accounts
from .announcements import Announcements
from .filters import Filters
from .instance import Instance
from .lists import Lists
from .media import Media
from .notifications import Notifications
from .oauth import OAuth
from .paging import Paging
from .reports import Reports
from .search import Search
from .social import Social
from .statuses import Statuses
from .tags import Tags
from .timelines import Timelines

ENDPOINT_MIXINS = (OAuth, Instance, Timelines, Statuses, Media, Accounts, Notifications, Paging, Search, Lists,
                   Filters, Reports, Tags, Social, Announcements)
