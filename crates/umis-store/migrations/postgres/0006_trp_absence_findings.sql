-- A review item of a new kind: `trp_absence`, a temporary residence permit whose holder was
-- abroad more than the pack's limit (90 days) within its window (180 days).
ALTER TABLE findings DROP CONSTRAINT findings_kind_check;
ALTER TABLE findings ADD CONSTRAINT findings_kind_check
    CHECK (kind IN ('overstay', 'unregistered_stay', 'anomaly', 'trp_absence'));
