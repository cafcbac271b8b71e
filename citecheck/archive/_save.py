"""Submitting live sources to Save Page Now, resumable across runs.

Every state change (job submitted, job finished) is written to the source's ``meta.json`` at
once, so a run interrupted anywhere resumes: pending jobs are polled again (SPN keeps results
about an hour), successes are not resubmitted until ``within`` has passed, and a refusal is not
retried the same day (daily per-URL caps).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace

from citecheck.archive._spn import POLL_INTERVAL, Job, SavePageNow, SpnUnavailable
from citecheck.archive._store import Meta, SaveState, SnapshotStore, format_time, parse_time

log = logging.getLogger("citecheck.archive")
POLL_ROUNDS = 60
SLOT_WAITS = 12
JOB_LIFETIME = dt.timedelta(hours=1)


@dataclass
class Saver:
    """Runs the submit → poll cycle for one archive run."""

    spn: SavePageNow
    store: SnapshotStore
    now: dt.datetime
    within: str
    within_seconds: float

    def save(self, metas: list[Meta]) -> dict[str, Meta]:
        """Submit the due sources among ``metas`` (all live) and poll; return updated metas."""
        state = {meta.id: meta for meta in metas}
        try:
            pending = [m.id for m in metas if _pending(m)]
            self._poll_round(state, pending)
            for meta in [state[m.id] for m in metas if self._due(state[m.id].save)]:
                self._wait_for_slot(state, pending)
                self._submit(state, meta, pending)
            self._poll(state, pending)
        except SpnUnavailable as exc:
            log.warning("Save Page Now stopped for this run: %s", exc)
        return state

    def _due(self, save: SaveState | None) -> bool:
        if save is None:
            return True
        age = (self.now - parse_time(save.at)).total_seconds()
        if save.status == "success":
            return age >= self.within_seconds
        if save.status == "error":
            return parse_time(save.at).date() != self.now.date()
        return save.status == "expired"

    def _submit(self, state: dict[str, Meta], meta: Meta, pending: list[str]) -> None:
        job = self.spn.submit(meta.url, if_not_archived_within=self.within)
        self._record(state, meta.id, job, at=format_time(self.now))
        if job.status == "pending":
            pending.append(meta.id)

    def _wait_for_slot(self, state: dict[str, Meta], pending: list[str]) -> None:
        for _ in range(SLOT_WAITS):
            if self.spn.available_slots() != 0:
                return
            self._poll_round(state, pending)
            self.spn.poll_pacer.pause(POLL_INTERVAL)

    def _poll(self, state: dict[str, Meta], pending: list[str]) -> None:
        for _ in range(POLL_ROUNDS):
            if not pending:
                return
            self.spn.poll_pacer.pause(POLL_INTERVAL)
            self._poll_round(state, pending)
        log.warning("%d Save Page Now job(s) still pending; polled again next run", len(pending))

    def _poll_round(self, state: dict[str, Meta], pending: list[str]) -> None:
        for snapshot_id in list(pending):
            save = state[snapshot_id].save
            if save is None or save.job_id is None:
                pending.remove(snapshot_id)
                continue
            job = self.spn.status(save.job_id)
            if job.status != "pending":
                pending.remove(snapshot_id)
                job = self._expired(job, save)
            self._record(state, snapshot_id, job, at=save.at)

    def _expired(self, job: Job, save: SaveState) -> Job:
        """An error for a job older than SPN keeps results means "forgotten", not "failed"."""
        if job.status == "error" and self.now - parse_time(save.at) > JOB_LIFETIME:
            return replace(job, status="expired")
        return job

    def _record(self, state: dict[str, Meta], snapshot_id: str, job: Job, *, at: str) -> None:
        save = SaveState(
            status=job.status,
            at=at,
            job_id=job.job_id,
            timestamp=job.timestamp,
            archive_url=self.spn.capture_url(job),
            message=job.message,
        )
        meta = state[snapshot_id]
        if meta.save != save:
            state[snapshot_id] = replace(meta, save=save)
            self.store.write_meta(state[snapshot_id])


def _pending(meta: Meta) -> bool:
    return meta.save is not None and meta.save.status == "pending"
