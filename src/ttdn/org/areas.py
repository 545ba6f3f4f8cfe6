"""Loads the official list of administrative units from the ``vietnam-provinces`` package:
the current two-level list and the legacy three-level one, with the legacy → current links."""

from django.db import transaction
from vietnam_provinces import Province, Ward
from vietnam_provinces.legacy import base as legacy

from .models import AdministrativeArea, AreaLevel, AreaScheme


def _type(value) -> str:
    return str(getattr(value, "value", value))


@transaction.atomic
def load_areas(*, province_codes: list[int] | None = None) -> int:
    """Idempotent: creates what is missing, renames what changed. Returns the number of areas
    now stored. ``province_codes`` limits the load (tests load one province)."""
    wanted = set(province_codes) if province_codes else None
    existing = {
        (a.scheme, a.level, a.code): a for a in AdministrativeArea.objects.all()
    }

    def upsert(scheme, level, code, name, division_type, parent=None):
        key = (scheme, level, int(code))
        area = existing.get(key)
        if area is None:
            area = AdministrativeArea.objects.create(
                scheme=scheme, level=level, code=int(code), name=name,
                division_type=_type(division_type), parent=parent,
            )
            existing[key] = area
        elif area.name != name or area.parent_id != (parent.pk if parent else None):
            area.name, area.parent = name, parent
            area.save(update_fields=["name", "parent"])
        return area

    for province in Province.iter_all():
        if wanted and int(province.code) not in wanted:
            continue
        p = upsert(AreaScheme.CURRENT, AreaLevel.PROVINCE, province.code, province.name,
                   province.division_type)
        for ward in Ward.iter_by_province(province.code):
            upsert(AreaScheme.CURRENT, AreaLevel.COMMUNE, ward.code, ward.name,
                   ward.division_type, p)

    for province in legacy.Province.iter_all():
        if wanted and int(province.code) not in wanted:
            continue
        p = upsert(AreaScheme.LEGACY, AreaLevel.PROVINCE, province.code, province.name,
                   province.division_type)
        for district in legacy.District.iter_by_province(province.code):
            d = upsert(AreaScheme.LEGACY, AreaLevel.DISTRICT, district.code, district.name,
                       district.division_type, p)
            for ward in legacy.Ward.iter_by_district(district.code):
                upsert(AreaScheme.LEGACY, AreaLevel.COMMUNE, ward.code, ward.name,
                       ward.division_type, d)

    links = AdministrativeArea.legacy_sources.through
    have = set(links.objects.values_list("from_administrativearea_id", "to_administrativearea_id"))
    new_links = []
    for ward in Ward.iter_all():
        if wanted and int(ward.province_code) not in wanted:
            continue
        current = existing.get((AreaScheme.CURRENT, AreaLevel.COMMUNE, int(ward.code)))
        for source in ward.get_legacy_sources():
            old = existing.get((AreaScheme.LEGACY, AreaLevel.COMMUNE, int(source.code)))
            if current and old and (current.pk, old.pk) not in have:
                new_links.append(
                    links(from_administrativearea_id=current.pk, to_administrativearea_id=old.pk)
                )
    links.objects.bulk_create(new_links)
    return len(existing)
