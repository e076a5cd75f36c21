-- 035_report_kinds.sql: the kinds of report event in a table of their own.
-- Until now each counting table had its own ENUM of the kinds, altered in
-- six tables whenever a kind was added; now report_kinds lists them once and
-- each table's kind is a short ASCII name that must be one of them (a
-- foreign key). A new kind is one INSERT into report_kinds in its migration.
-- binned: the kind's events carry a duration, kept as histogram bins too
-- (report_day_bins, report_hod_bins).
CREATE TABLE report_kinds (
  name    VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  binned  TINYINT(1) NOT NULL DEFAULT 0
) ENGINE=InnoDB;

INSERT INTO report_kinds (name, binned) VALUES
  ('chat_started', 0), ('picked_up', 1), ('first_response', 1), ('missed', 0),
  ('closed', 1), ('transferred', 0), ('message_in', 0), ('message_out', 0),
  ('delivery_failed', 0), ('follow', 0), ('unfollow', 0), ('first_response_bh', 1),
  ('followup_received', 0), ('followup_answered', 0), ('followup_expired', 0);

ALTER TABLE report_events
  MODIFY kind VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ADD CONSTRAINT fk_report_events_kind FOREIGN KEY (kind) REFERENCES report_kinds (name);
ALTER TABLE report_hours
  MODIFY kind VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ADD CONSTRAINT fk_report_hours_kind FOREIGN KEY (kind) REFERENCES report_kinds (name);
ALTER TABLE report_day_counts
  MODIFY kind VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ADD CONSTRAINT fk_report_day_counts_kind FOREIGN KEY (kind) REFERENCES report_kinds (name);
ALTER TABLE report_hod_counts
  MODIFY kind VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ADD CONSTRAINT fk_report_hod_counts_kind FOREIGN KEY (kind) REFERENCES report_kinds (name);
ALTER TABLE report_day_bins
  MODIFY kind VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ADD CONSTRAINT fk_report_day_bins_kind FOREIGN KEY (kind) REFERENCES report_kinds (name);
ALTER TABLE report_hod_bins
  MODIFY kind VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ADD CONSTRAINT fk_report_hod_bins_kind FOREIGN KEY (kind) REFERENCES report_kinds (name);
