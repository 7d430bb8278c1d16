-- A scan lying on its side or upside down is read turned the right way up (org.honkoku.classify.PageOrientation).
-- quarter_turns says how far: quarter turns clockwise from the scan's file to the page as read (0-3). width, height
-- and every box of the page are those of the page as read, which is what the review UI shows; exports that name the
-- scan's file turn the boxes back into the file's pixels (org.honkoku.store.TranscriptionRepository).
ALTER TABLE page ADD COLUMN quarter_turns INT DEFAULT 0 NOT NULL;
