-- Inbox settings (issue 3). Lengths in characters; H2 counts UTF-16 units, so text columns allow twice the rule.

ALTER TABLE inbox ADD COLUMN assignment_mode VARCHAR(20) NOT NULL DEFAULT 'AUTO';
ALTER TABLE inbox ADD COLUMN reassignment_timeout_seconds INT NOT NULL DEFAULT 30;
-- Inactivity policy: all three NULL when off.
ALTER TABLE inbox ADD COLUMN inactivity_minutes INT;
ALTER TABLE inbox ADD COLUMN inactivity_action VARCHAR(30);
ALTER TABLE inbox ADD COLUMN inactivity_message VARCHAR(400);
ALTER TABLE inbox ADD COLUMN offline_message VARCHAR(4000);
ALTER TABLE inbox ADD COLUMN reply_time_limit_seconds INT;
ALTER TABLE inbox ADD COLUMN attachment_types VARCHAR(500) NOT NULL
    DEFAULT 'PDF,DOC,DOCX,PPT,PPTX,XLS,XLSX,TXT,RTF,JPG,PNG,GIF,BMP,WEBP,TIFF,HEIC';
ALTER TABLE inbox ADD COLUMN widget_enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE inbox ADD COLUMN deleted_at DATETIME(6);

-- Names are unique among inboxes that exist; a deleted inbox gives its name up (NULL here) but keeps it in
-- display_name for the history of its conversations.
ALTER TABLE inbox ADD COLUMN display_name VARCHAR(200);
UPDATE inbox SET display_name = name;
ALTER TABLE inbox MODIFY COLUMN display_name VARCHAR(200) NOT NULL;
ALTER TABLE inbox MODIFY COLUMN name VARCHAR(100) NULL;
