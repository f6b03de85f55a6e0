-- Stay control under the December 2026 legal review.
--
-- Refugee status has no expiry: it ends by cessation or cancellation. Permits umis granted
-- with a one-year term become open-ended; stay control keys "open-ended" by the largest date.
-- (The signed documents keep the validity printed on them: a card may carry its own term.)
UPDATE permits SET valid_until = '9999-12-31' WHERE kind = 'refugee' AND batch_id = 0;

-- Asylum-seekers are lawfully present from the registration of their claim until the final
-- decision. Claims registered before this rule get their temporary certificate written into
-- stay control: open-ended while pending or appealed, ending with a grant on the decision day,
-- with a refusal 30 days after it (the period to challenge it; the catalogue's value when this
-- was written), and with a withdrawal or closure on the day it happened.
INSERT INTO permits (permit_number, kind, issuing_state, document_number, valid_from, valid_until,
                     employer_tin, status, content_hash, batch_id)
SELECT d.number, 'asylum_seeker', c.holder_state, c.holder_document, d.issued_on,
       CASE
           WHEN c.state = 'approved' THEN COALESCE(c.decided_on, d.issued_on)
           WHEN c.state = 'refused' AND c.decided_on IS NOT NULL THEN date(c.decided_on, '+30 days')
           WHEN c.state IN ('withdrawn', 'closed') THEN COALESCE(
               (SELECT MAX(substr(e.at, 1, 10)) FROM case_events e
                 WHERE e.case_id = c.id AND e.to_state = c.state),
               c.decided_on, '9999-12-31')
           ELSE '9999-12-31'
       END,
       NULL, 'active', 0, 0
  FROM issued_documents d
  JOIN cases c ON c.id = d.case_id
 WHERE d.kind = 'refugee_temporary_certificate'
   AND c.holder_state IS NOT NULL AND c.holder_document IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM permits p WHERE p.permit_number = d.number);
