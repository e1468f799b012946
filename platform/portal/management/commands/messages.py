"""`make messages`: the catalogues brought up to date with the source; what is left to translate."""

from django.core.management.base import BaseCommand, CommandError

from portal import catalogues


class Command(BaseCommand):
    help = (
        "Update locale/vi and locale/en from the source (makemessages), fill the Vietnamese "
        "catalogue, compile both, and list the English messages still to translate."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit 1 if a message is untranslated or fuzzy (after updating).",
        )

    def handle(self, *args, check: bool, **options):
        catalogues.extract()
        catalogues.fill_vietnamese(catalogues.po_file("vi"))
        for language in catalogues.LANGUAGES:
            catalogues.compile_catalogue(catalogues.po_file(language))
        pending = catalogues.to_translate(catalogues.po_file("en"))
        path = catalogues.po_file("en").relative_to(catalogues.LOCALE_DIR.parent)
        if not pending:
            self.stdout.write(self.style.SUCCESS(f"{path}: every message is translated."))
            return
        self.stdout.write(f"{path}: {len(pending)} message(s) to translate (or to check if fuzzy):")
        for entry in pending:
            mark = "fuzzy" if entry.fuzzy else "new"
            self.stdout.write(f"  [{mark}] {entry.msgid!r}")
        self.stdout.write("Translate them in the .po file, then run `make messages` again.")
        if check:
            raise CommandError(f"{len(pending)} message(s) untranslated in {path}")
