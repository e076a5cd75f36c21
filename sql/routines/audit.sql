-- sql/routines/audit.sql: the audit trail cannot be changed or deleted
-- (src/audit.c adds to it). Applied by wxdesk-admin migrate after the
-- migrations, each time (CREATE OR REPLACE).

CREATE OR REPLACE TRIGGER audit_log_bu BEFORE UPDATE ON audit_log FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records cannot be changed';
END;

CREATE OR REPLACE TRIGGER audit_log_bd BEFORE DELETE ON audit_log FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records cannot be removed';
END;
