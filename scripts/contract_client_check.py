#!/usr/bin/env python3
"""Takes claims from draft to paid with a client generated from openapi/openapi.yaml.

The client package is what openapi-python-client generated from the contract (its folder is
given with --client); this script uses nothing else of JHT Sync, only the demo identities of
the README. httpx sends the bytes of each tus PATCH (the generator skips the
application/offset+octet-stream body). The server runs on a simulated clock (demo mode,
--simulated-clock), which officers move forward through the contract.

Two claims, each with the identity step its channel needs:
- Siti Rahayu, resignation, in the app: her face check (the data update) was done before.
- Agus Wijaya, retirement, through Lapak Asik (his balance is over the online ceiling): after
  the documents are checked the claim waits for its video interview; he books a slot, the clock
  moves to it, a CSO checks him in and records identity as verified; only then is it verified.
For each: sign in, push a draft with the bank account (and tax number), upload and attach the
documents /v1/me asks for, submit; officers 1001-1004 check, verify, approve and pay; the phone
pulls until paid; /v1/me's balance went down by the claim's gross amount, one ledger debit.
Prints one JSON line; exits non-zero on any failure.

usage: contract_client_check.py BASE_URL --client FOLDER
"""
import argparse
import base64
import datetime
import hashlib
import json
import random
import sys
import time
import uuid

import httpx

DEMO_CODE = "123456"
SIGNATURES = {"image/jpeg": b"\xff\xd8\xff\xe0", "image/png": b"\x89PNG\r\n\x1a\n", "application/pdf": b"%PDF-1.7\n"}
CONTENT_TYPES = {"bankBook": "image/png", "referenceLetter": "application/pdf", "taxNumberCard": "application/pdf"}


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("--client", required=True, help="folder holding the generated jht_sync_client package")
    args = parser.parse_args()
    sys.path.insert(0, args.client)
    try:
        check = ContractClientCheck(args.base_url.rstrip("/"))
        siti = check.claim_to_paid(
            nik="3273015205900001", kpj="12345678901", name="SITI RAHAYU", reason="resignation", channel="app"
        )
        agus = check.claim_to_paid(
            nik="3273011707690003",
            kpj="12345678903",
            name="AGUS WIJAYA",
            reason="retirement",
            channel="lapakAsik",
            tax_number="01.234.567.8-901.000",
        )
        print(json.dumps({"claims": [siti, agus]}))
        return 0
    except CheckFailed as failure:
        print(f"contract_client_check: {failure}", file=sys.stderr)
        return 1


class ContractClientCheck:
    def __init__(self, base):
        # Imported here: the package exists only once the generator has run.
        import jht_sync_client as api
        from jht_sync_client import models

        self.api = api
        self.m = models
        self.base = base
        self.public = api.Client(base_url=base, raise_on_unexpected_status=True)
        from jht_sync_client.api.reference import get_config

        self.max_bytes = get_config.sync(client=self.public).uploads.max_bytes

    # Signing in ------------------------------------------------------------------------------

    def authenticated(self, challenge, device):
        from jht_sync_client.api.auth import exchange_code

        expect(hasattr(challenge, "challenge_id"), f"no challenge for {device}: {challenge}")
        body = self.m.CodeExchangeRequest(challenge_id=challenge.challenge_id, code=DEMO_CODE, device_id=device)
        tokens = exchange_code.sync(client=self.public, body=body)
        expect(hasattr(tokens, "access_token"), f"sign-in of {device} failed: {tokens}")
        return self.api.AuthenticatedClient(base_url=self.base, token=tokens.access_token, raise_on_unexpected_status=True)

    def participant(self, nik, kpj, device):
        from jht_sync_client.api.auth import request_participant_code

        body = self.m.ParticipantCodeRequest(nik=nik, kpj=kpj, device_id=device)
        return self.authenticated(request_participant_code.sync(client=self.public, body=body), device)

    def officer(self, number):
        """An officer signed in now: tokens live 15 minutes of the (simulated) clock."""
        from jht_sync_client.api.auth import request_officer_code

        device = f"contract-desk-{number}"
        body = self.m.OfficerCodeRequest(employee_number=number, device_id=device)
        return self.authenticated(request_officer_code.sync(client=self.public, body=body), device)

    # The phone ---------------------------------------------------------------------------------

    def claim_to_paid(self, nik, kpj, name, reason, channel, tax_number=None):
        from jht_sync_client.api.office import approve_claim, confirm_documents_complete, pay_claim, verify_claim
        from jht_sync_client.api.participant import get_me

        m = self.m
        device = f"contract-phone-{uuid.uuid4().hex[:8]}"
        phone = self.participant(nik, kpj, device)
        before = get_me.sync(client=phone)
        expect(hasattr(before, "membership"), f"/v1/me failed: {before}")
        option = next((r for r in before.reasons if r.reason.value == reason), None)
        expect(option is not None and option.eligible, f"{name} cannot claim {reason}: {option and option.to_dict()}")
        expect(channel in [c.value for c in option.channels], f"{name} cannot claim through {channel}")

        claim_id = uuid.uuid4()
        # Sent in lower case; the server echoes ids in upper case (the contract's UUID rule).
        sync = PhoneSync(self, phone, device, m.RecordKey(type_=m.RecordType.CLAIM, id=str(claim_id).lower()))
        fields = m.RecordFields()
        fields["bankAccount"] = m.BankAccount(
            bank_code=m.BankAccountBankCode.VALUE_2, number="1234567890", holder_name=name
        ).to_dict()
        if tax_number:
            fields["taxNumber"] = tax_number
        sync.push(
            sync.intent(
                m.CreateClaimDraftIntent(
                    name=m.CreateClaimDraftIntentName.CREATECLAIMDRAFT,
                    arguments=m.CreateClaimDraftArguments(reason=m.ClaimReason(reason), channel=m.ClaimChannel(channel)),
                )
            ),
            m.UpdateOperation(kind=m.UpdateOperationKind.UPDATE, fields=fields),
        )
        sync.push(*[self.upload_and_attach(phone, claim_id, kind.value) for kind in option.required_documents])
        sync.push(
            sync.intent(
                m.SubmitClaimIntent(name=m.SubmitClaimIntentName.SUBMITCLAIM, arguments=m.ClaimStepArguments())
            )
        )

        self.office_step("1001", confirm_documents_complete, claim_id)
        identity = "face check with the data update (app)"
        if channel != "app":
            identity = self.in_person_check(sync, claim_id, channel)
        verified = self.office_step("1002", verify_claim, claim_id)
        expect(verified.verified, f"verification found: {[f.to_dict() for f in verified.findings]}")
        self.office_step("1003", approve_claim, claim_id)
        paid = self.office_step("1004", pay_claim, claim_id)
        expect(paid.paid, f"payment failed: {paid.failure_cause}")

        phone = self.participant(nik, kpj, device)  # the clock may have moved past the token's life
        sync.client = phone
        claim = sync.pull_until(lambda record: record["status"] == "paid", "claim", str(claim_id).upper())
        expect(claim["channel"] == channel, f"the claim went through {claim['channel']}")
        gross = claim["grossAmount"]
        after = get_me.sync(client=phone)
        balance_before, balance_after = before.membership.balance, after.membership.balance
        expect(balance_before - balance_after == gross, f"balance {balance_before} -> {balance_after}, claim {gross}")
        debits = [
            e
            for e in after.ledger
            if e.source.kind.value == "claimPayment" and str(e.source.claim_id).upper() == str(claim_id).upper()
        ]
        expect(len(debits) == 1 and debits[0].amount == -gross, f"one ledger debit: {[d.to_dict() for d in debits]}")
        return {
            "participant": name,
            "claimID": str(claim_id).upper(),
            "reason": reason,
            "channel": channel,
            "identity": identity,
            "status": claim["status"],
            "grossAmount": gross,
            "balanceBefore": balance_before,
            "balanceAfter": balance_after,
            "mutations": sync.counter,
        }

    def upload_and_attach(self, phone, claim_id, kind):
        """A tus upload (creation with the generated client, the bytes with httpx), then its attach."""
        from jht_sync_client.api.documents import create_upload

        m = self.m
        content_type = CONTENT_TYPES.get(kind, "image/jpeg")
        rng = random.Random(kind)
        data = SIGNATURES[content_type] + bytes(rng.getrandbits(8) for _ in range(20_000))
        expect(len(data) <= self.max_bytes, "a document fits the announced limit")
        metadata = ",".join(
            f"{key} {base64.b64encode(value.encode()).decode()}"
            for key, value in {"kind": kind, "filetype": content_type, "claimID": str(claim_id)}.items()
        )
        created = create_upload.sync_detailed(
            client=phone, tus_resumable=m.CreateUploadTusResumable("1.0.0"), upload_length=len(data), upload_metadata=metadata
        )
        expect(created.status_code == 201, f"tus creation of {kind}: {created.status_code} {created.content!r}")
        location = created.headers["location"]
        sent = httpx.patch(
            self.base + location,
            content=data,
            headers={
                "Authorization": f"Bearer {phone.token}",
                "Tus-Resumable": "1.0.0",
                "Upload-Offset": "0",
                "Content-Type": "application/offset+octet-stream",
            },
        )
        expect(sent.status_code == 204, f"tus PATCH of {kind}: {sent.status_code} {sent.text}")
        arguments = m.AttachDocumentArguments(
            upload_id=uuid.UUID(location.rstrip("/").rsplit("/", 1)[-1]),
            kind=m.DocumentKind(kind),
            sha256=hashlib.sha256(data).hexdigest(),
            byte_count=len(data),
        )
        return PhoneSync.intent(m.AttachDocumentIntent(name=m.AttachDocumentIntentName.ATTACHDOCUMENT, arguments=arguments))

    # The office --------------------------------------------------------------------------------

    def office_step(self, number, step, claim_id):
        answer = step.sync_detailed(client=self.officer(number), claim_id=claim_id)
        name = step.__name__.rsplit(".", 1)[-1]
        expect(answer.status_code == 200, f"{name} by {number}: {answer.status_code} {answer.content!r}")
        return answer.parsed

    def in_person_check(self, sync, claim_id, channel):
        """The claim's in-person identity check: book, go to the slot, checked in, verified."""
        from jht_sync_client.api.fallback import (
            book_fallback_appointment,
            check_in_fallback_ticket,
            decide_fallback_ticket,
            get_fallback_availability,
        )
        from jht_sync_client.api.office import verify_claim
        from jht_sync_client.api.operations import advance_service_clock

        m = self.m
        # Before the check the back office cannot verify; the phone has the ticket to book.
        refused = verify_claim.sync_detailed(client=self.officer("1002"), claim_id=claim_id)
        expect(refused.status_code == 409, f"verify before the identity check: {refused.status_code}")
        expect(refused.parsed.code.value == "claim.identityUnverified", f"verify refused with {refused.parsed.code}")
        ticket = sync.pull_until(lambda t: t["claimID"] == str(claim_id).upper(), "fallbackTicket")
        kind = m.AppointmentKind.VIDEOCALL if channel == "lapakAsik" else m.AppointmentKind.BRANCHVISIT
        expect(ticket["purpose"] == ("videoInterview" if channel == "lapakAsik" else "counterCheck"), f"ticket {ticket}")

        availability = get_fallback_availability.sync(client=sync.client, kind=kind, days=10)
        day = next((d for d in availability.days if d.free > 0), None)
        expect(day is not None, f"no free {kind.value} in ten working days")
        booking = m.BookingRequest(kind=kind, date=day.date)
        booked = book_fallback_appointment.sync_detailed(client=sync.client, ticket_id=uuid.UUID(ticket["id"]), body=booking)
        expect(booked.status_code == 201, f"booking: {booked.status_code} {booked.content!r}")
        appointment = booked.parsed.appointment

        # The officers' day: the clock moves to the appointment; a CSO checks in and decides.
        moved = advance_service_clock.sync_detailed(
            client=self.officer("1001"),
            body=m.ServiceClockAdvance(to=appointment.starts_at + datetime.timedelta(minutes=5)),
        )
        expect(moved.status_code == 200, f"moving the clock: {moved.status_code} {moved.content!r}")
        cso = self.officer("1001")
        checked = check_in_fallback_ticket.sync_detailed(client=cso, ticket_id=uuid.UUID(ticket["id"]))
        expect(checked.status_code == 200, f"check-in: {checked.status_code} {checked.content!r}")
        decision = m.IdentityDecision(outcome=m.IdentityDecisionOutcome.VERIFIED)
        decided = decide_fallback_ticket.sync_detailed(client=cso, ticket_id=uuid.UUID(ticket["id"]), body=decision)
        expect(decided.status_code == 200, f"identity decision: {decided.status_code} {decided.content!r}")
        return f"{kind.value} on {day.date.isoformat()}, checked in and verified by CSO 1001"


class PhoneSync:
    """A phone's mutations (counter, clock, record) and pulls, through the generated client."""

    def __init__(self, check, client, device, key):
        self.check = check
        self.client = client
        self.device = device
        self.key = key
        self.counter = 0
        self.cursor = None
        self.records = {}

    @staticmethod
    def intent(intent):
        from jht_sync_client.models import IntentOperation, IntentOperationKind

        return IntentOperation(kind=IntentOperationKind.INTENT, intent=intent)

    def push(self, *operations):
        from jht_sync_client.api.sync import push_mutations

        m = self.check.m
        mutations = []
        for operation in operations:
            self.counter += 1
            clock = m.HLCTimestamp(millis=int(time.time() * 1000), counter=0, node=self.device)
            mutations.append(
                m.Mutation(
                    id=uuid.uuid4(), device_id=self.device, counter=self.counter, clock=clock, record=self.key, operation=operation
                )
            )
        response = push_mutations.sync(client=self.client, body=m.PushRequest(device_id=self.device, mutations=mutations))
        expect(hasattr(response, "results"), f"push failed: {response}")
        for result in response.results:
            # One type per outcome (the contract's oneOf by status): a rejection names its code.
            rejection = getattr(result, "rejection", None)
            expect(rejection is None, f"mutation {result.counter} rejected: {rejection and rejection.to_dict()}")
            expect(result.status.value in ("applied", "merged"), f"mutation {result.counter}: {result.status}")

    def pull_until(self, done, record_type, record_id=None, seconds=30):
        """Pulls until a record of `record_type` (and `record_id`) satisfies `done`; its fields."""
        from jht_sync_client.api.sync import pull_changes

        deadline = time.time() + seconds
        while True:
            page = pull_changes.sync(client=self.client, cursor=self.cursor) if self.cursor else pull_changes.sync(client=self.client)
            expect(hasattr(page, "changes"), f"pull failed: {page}")
            for change in page.changes:
                key = change.record.key
                self.records[(key.type_.value, key.id)] = {
                    name: state.register.value
                    for name, state in change.record.fields.additional_properties.items()
                    if state.register
                }
            self.cursor = page.cursor
            for (kind, id_), fields in self.records.items():
                if kind == record_type and (record_id is None or id_ == record_id) and done(fields):
                    return fields
            expect(time.time() < deadline, f"no {record_type} {record_id or ''} as expected after {seconds} s")
            if not page.has_more:
                time.sleep(0.2)


if __name__ == "__main__":
    sys.exit(main())
