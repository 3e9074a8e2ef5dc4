#!/usr/bin/env python3
"""Drives one claim from draft to paid with a client generated from openapi/openapi.yaml.

The client package is what openapi-python-client generated from the contract (its folder is
given with --client); this script uses nothing else of JHT Sync, only the demo identities of
the README. httpx sends the bytes of each tus PATCH (the generator skips the
application/offset+octet-stream body). Siti Rahayu signs in, pushes a claim draft with her
bank account, uploads and attaches five documents, submits; officers 1001-1004 check the
documents, verify, approve and pay; the phone pulls until the claim is paid, and /v1/me's
balance has gone down by the claim's gross amount. Prints one JSON line; exits non-zero on
any failure.

usage: contract_client_check.py BASE_URL --client FOLDER
"""
import argparse
import base64
import hashlib
import json
import random
import sys
import time
import uuid

import httpx

DEMO_CODE = "123456"
SITI = {"nik": "3273015205900001", "kpj": "12345678901"}
DOCUMENTS = [
    ("idCard", "image/jpeg", b"\xff\xd8\xff\xe0"),
    ("participantCard", "image/jpeg", b"\xff\xd8\xff\xe0"),
    ("bankBook", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("referenceLetter", "application/pdf", b"%PDF-1.7\n"),
    ("selfie", "image/jpeg", b"\xff\xd8\xff\xe0"),
]


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
        print(json.dumps(run(args.base_url.rstrip("/"))))
        return 0
    except CheckFailed as failure:
        print(f"contract_client_check: {failure}", file=sys.stderr)
        return 1


def run(base):
    # Imported here: the package exists only once the generator has run.
    from jht_sync_client import AuthenticatedClient, Client
    from jht_sync_client.api.auth import exchange_code, request_officer_code, request_participant_code
    from jht_sync_client.api.documents import create_upload
    from jht_sync_client.api.office import approve_claim, confirm_documents_complete, pay_claim, verify_claim
    from jht_sync_client.api.participant import get_me
    from jht_sync_client.api.reference import get_config
    from jht_sync_client.api.sync import pull_changes, push_mutations
    from jht_sync_client.models import (
        AttachDocumentArguments,
        AttachDocumentIntent,
        AttachDocumentIntentName,
        BankAccount,
        BankAccountBankCode,
        ClaimChannel,
        ClaimReason,
        ClaimStepArguments,
        CodeExchangeRequest,
        CreateClaimDraftArguments,
        CreateClaimDraftIntent,
        CreateClaimDraftIntentName,
        DocumentKind,
        HLCTimestamp,
        IntentOperation,
        IntentOperationKind,
        Mutation,
        MutationResultStatus,
        OfficerCodeRequest,
        ParticipantCodeRequest,
        PushRequest,
        RecordFields,
        RecordKey,
        RecordType,
        SubmitClaimIntent,
        SubmitClaimIntentName,
        UpdateOperation,
        UpdateOperationKind,
    )

    public = Client(base_url=base, raise_on_unexpected_status=True)

    def sign_in(challenge, device):
        expect(hasattr(challenge, "challenge_id"), f"no challenge for {device}: {challenge}")
        body = CodeExchangeRequest(challenge_id=challenge.challenge_id, code=DEMO_CODE, device_id=device)
        tokens = exchange_code.sync(client=public, body=body)
        expect(hasattr(tokens, "access_token"), f"sign-in of {device} failed: {tokens}")
        return AuthenticatedClient(base_url=base, token=tokens.access_token, raise_on_unexpected_status=True)

    config = get_config.sync(client=public)
    max_bytes = config.uploads.max_bytes

    device = f"contract-phone-{uuid.uuid4().hex[:8]}"
    challenge = request_participant_code.sync(
        client=public, body=ParticipantCodeRequest(nik=SITI["nik"], kpj=SITI["kpj"], device_id=device)
    )
    phone = sign_in(challenge, device)
    before = get_me.sync(client=phone)
    expect(hasattr(before, "membership"), f"/v1/me failed: {before}")
    balance_before = before.membership.balance

    claim_id = uuid.uuid4()
    key = RecordKey(type_=RecordType.CLAIM, id=str(claim_id).lower())  # any letter case is accepted
    counter = 0

    def mutation(operation):
        nonlocal counter
        counter += 1
        clock = HLCTimestamp(millis=int(time.time() * 1000), counter=0, node=device)
        return Mutation(id=uuid.uuid4(), device_id=device, counter=counter, clock=clock, record=key, operation=operation)

    def push(*operations):
        response = push_mutations.sync(
            client=phone, body=PushRequest(device_id=device, mutations=[mutation(op) for op in operations])
        )
        expect(hasattr(response, "results"), f"push failed: {response}")
        for result in response.results:
            expect(
                result.status in (MutationResultStatus.APPLIED, MutationResultStatus.MERGED),
                f"mutation {result.counter} not applied: {result.rejection.to_dict() if result.rejection else result.status}",
            )
        return response

    # The draft and the bank account (a plain field write, checked against its x-field-format).
    draft = CreateClaimDraftIntent(
        name=CreateClaimDraftIntentName.CREATECLAIMDRAFT,
        arguments=CreateClaimDraftArguments(reason=ClaimReason.RESIGNATION, channel=ClaimChannel.APP),
    )
    account = BankAccount(bank_code=BankAccountBankCode.VALUE_2, number="1234567890", holder_name="SITI RAHAYU")
    fields = RecordFields()
    fields["bankAccount"] = account.to_dict()
    push(
        IntentOperation(kind=IntentOperationKind.INTENT, intent=draft),
        UpdateOperation(kind=UpdateOperationKind.UPDATE, fields=fields),
    )

    # Five documents through tus: creation with the generated client, the bytes with httpx.
    rng = random.Random(11)
    attaches = []
    for kind, content_type, signature in DOCUMENTS:
        data = signature + bytes(rng.getrandbits(8) for _ in range(20_000))
        expect(len(data) <= max_bytes, "a document fits the announced limit")
        metadata = ",".join(
            f"{k} {base64.b64encode(v.encode()).decode()}"
            for k, v in {"kind": kind, "filetype": content_type, "claimID": str(claim_id)}.items()
        )
        created = create_upload.sync_detailed(
            client=phone, tus_resumable="1.0.0", upload_length=len(data), upload_metadata=metadata
        )
        expect(created.status_code == 201, f"tus creation of {kind}: {created.status_code} {created.content!r}")
        location = created.headers["location"]
        sent = httpx.patch(
            base + location if location.startswith("/") else location,
            content=data,
            headers={
                "Authorization": f"Bearer {phone.token}",
                "Tus-Resumable": "1.0.0",
                "Upload-Offset": "0",
                "Content-Type": "application/offset+octet-stream",
            },
        )
        expect(sent.status_code == 204, f"tus PATCH of {kind}: {sent.status_code} {sent.text}")
        upload_id = location.rstrip("/").rsplit("/", 1)[-1]

        attaches.append(
            IntentOperation(
                kind=IntentOperationKind.INTENT,
                intent=AttachDocumentIntent(
                    name=AttachDocumentIntentName.ATTACHDOCUMENT,
                    arguments=AttachDocumentArguments(
                        upload_id=uuid.UUID(upload_id),
                        kind=DocumentKind(kind),
                        sha256=hashlib.sha256(data).hexdigest(),
                        byte_count=len(data),
                    ),
                ),
            )
        )
    push(*attaches)
    push(
        IntentOperation(
            kind=IntentOperationKind.INTENT,
            intent=SubmitClaimIntent(name=SubmitClaimIntentName.SUBMITCLAIM, arguments=ClaimStepArguments()),
        )
    )

    # The office: CSO, back office, head of service, finance (four-eyes: four people).
    steps = [("1001", confirm_documents_complete), ("1002", verify_claim), ("1003", approve_claim), ("1004", pay_claim)]
    for number, step in steps:
        officer_device = f"contract-desk-{number}"
        challenge = request_officer_code.sync(
            client=public, body=OfficerCodeRequest(employee_number=number, device_id=officer_device)
        )
        officer = sign_in(challenge, officer_device)
        answer = step.sync_detailed(client=officer, claim_id=claim_id)
        expect(answer.status_code == 200, f"{step.__name__.rsplit('.', 1)[-1]} by {number}: {answer.status_code} {answer.content!r}")
        if step is verify_claim:
            expect(answer.parsed.verified, f"verification found: {[f.to_dict() for f in answer.parsed.findings]}")
        if step is pay_claim:
            expect(answer.parsed.paid, f"payment failed: {answer.parsed.failure_cause}")

    # The phone pulls until its copy of the claim says paid.
    cursor = None
    status = None
    gross = None
    channel = None
    deadline = time.time() + 30
    while time.time() < deadline and status != "paid":
        page = pull_changes.sync(client=phone, cursor=cursor) if cursor else pull_changes.sync(client=phone)
        expect(hasattr(page, "changes"), f"pull failed: {page}")
        for change in page.changes:
            record = change.record
            if record.key.type_ == RecordType.CLAIM and record.key.id == str(claim_id).upper():
                # Sent in lower case, echoed in upper case (the contract's UUID rule).
                claim_fields = record.fields.additional_properties
                status = claim_fields["status"].register.value
                gross = claim_fields["grossAmount"].register.value
                channel = claim_fields["channel"].register.value
        cursor = page.cursor
        if not page.has_more and status != "paid":
            time.sleep(0.2)
    expect(status == "paid", f"the phone's claim is {status}, not paid")
    # An app claim's identity step is the passed face check of the data update, done before the claim.
    expect(channel == "app", f"the claim went through {channel}")

    after = get_me.sync(client=phone)
    balance_after = after.membership.balance
    expect(balance_before - balance_after == gross, f"balance {balance_before} -> {balance_after}, claim {gross}")
    debits = [e for e in after.ledger if e.source.kind.value == "claimPayment" and str(e.source.claim_id).upper() == str(claim_id).upper()]
    expect(len(debits) == 1 and debits[0].amount == -gross, f"one ledger debit of the claim: {[d.to_dict() for d in debits]}")
    return {
        "claimID": str(claim_id).upper(),
        "status": status,
        "channel": channel,
        "grossAmount": gross,
        "balanceBefore": balance_before,
        "balanceAfter": balance_after,
        "mutations": counter,
    }


if __name__ == "__main__":
    sys.exit(main())
