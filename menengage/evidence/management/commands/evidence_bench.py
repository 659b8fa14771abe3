"""Time the scoring and analysis of one large evaluation (two waves), in a transaction that
is rolled back, so the database is left as it was."""

import datetime
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from menengage.accounts.models import User
from menengage.evidence import services
from menengage.evidence.demo import synthetic_answers
from menengage.evidence.models import Instrument
from menengage.members.models import Membership


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time uploading, scoring and analysing an evaluation of N responses (two waves)."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=100_000)

    def handle(self, *args, responses, **options):
        staff = User.objects.filter(is_staff=True, is_active=True).first()
        membership = (
            Membership.objects.filter(status=Membership.Status.ACTIVE, organisation__isnull=False)
            .select_related("organisation__country")
            .first()
        )
        gem = Instrument.objects.filter(family="gem", status="published").first()
        if not (staff and membership and gem):
            raise CommandError("Load the demo first (menengage demo).")
        content = synthetic_answers(gem, random.Random(1), respondents=responses // 2, shift=0.3)
        timings = {}
        try:
            with transaction.atomic():
                evaluation = services.evaluation_register(
                    actor=staff,
                    organisation=membership.organisation,
                    instrument=gem,
                    title="Bench evaluation",
                    design="pre_post",
                    waves=["baseline", "endline"],
                    country=membership.organisation.country,
                    ethics_body="Bench",
                    ethics_approved_on=datetime.date(2024, 1, 1),
                    consent_statement="Invented answers.",
                )
                started = time.perf_counter()
                report = services.responses_upload(
                    evaluation=evaluation, actor=staff, content=content
                )
                timings["upload, score and analyse"] = time.perf_counter() - started
                started = time.perf_counter()
                services.evaluation_analyse(evaluation=evaluation)
                timings["analyse again"] = time.perf_counter() - started
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(f"evidence: {report.written:,} responses ({len(content) / 1e6:.1f} MB)")
        for name, seconds in timings.items():
            self.stdout.write(f"evidence: {name}: {seconds:.2f} s")
