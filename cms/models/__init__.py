from .pages import (
    CataloguePage,
    GuidancePage,
    HomePage,
    NewsArticlePage,
    NewsIndexPage,
    NoticeIndexPage,
    NoticePage,
    PortalPage,
    SimplePage,
)
from .site_settings import FooterSettings
from .visits import VisitDay

__all__ = [
    "CataloguePage",
    "FooterSettings",
    "GuidancePage",
    "HomePage",
    "NewsArticlePage",
    "NewsIndexPage",
    "NoticeIndexPage",
    "NoticePage",
    "PortalPage",
    "SimplePage",
    "VisitDay",
]
