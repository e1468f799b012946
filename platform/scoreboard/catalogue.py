"""What Decision 766's publicity and online-provision groups read from a unit's catalogue."""

from __future__ import annotations

from procedure_plugins.choices import OnlineLevel
from procedure_plugins.selectors import offered_procedures
from tenants.models import Locality

from .indicators import Catalogue

#: The parts of a procedure the catalogue must publish, as plugin attributes (trình tự, cách
#: thức, thành phần hồ sơ, thời hạn, đối tượng, cơ quan thực hiện, kết quả).
SEVEN_PARTS = (
    "steps",
    "online_level",
    "documents",
    "processing_time",
    "applicant_types",
    "agency",
    "result",
)


def unit_catalogue(locality: Locality) -> Catalogue:
    offered = offered_procedures(locality)
    return Catalogue(
        procedures=len(offered),
        online=sum(1 for p in offered if p.online_level in (OnlineLevel.FULL, OnlineLevel.PARTIAL)),
        complete=sum(
            1 for p in offered if all(getattr(p.plugin, part, None) for part in SEVEN_PARTS)
        ),
    )
