-- A review item of a new kind: `registration_not_ended`, a registration at place of stay still
-- running after its holder left the country (no return while it ran, its last day passed).
ALTER TABLE findings DROP CONSTRAINT findings_kind_check;
ALTER TABLE findings ADD CONSTRAINT findings_kind_check
    CHECK (kind IN ('overstay', 'unregistered_stay', 'anomaly', 'trp_absence', 'registration_not_ended'));
