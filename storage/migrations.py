"""Forward-only schema migrations, applied in order at start-up. Never edit a released one: add the next."""

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "core deliberation loop",
        """
        CREATE TABLE chats (
            chat_id       INTEGER PRIMARY KEY,
            type          TEXT NOT NULL,
            title         TEXT NOT NULL DEFAULT '',
            active        INTEGER NOT NULL DEFAULT 1,
            member_count  INTEGER,
            migrated_to   INTEGER,
            created_at    REAL NOT NULL,
            updated_at    REAL NOT NULL
        );

        CREATE TABLE topics (
            id                    INTEGER PRIMARY KEY,
            chat_id               INTEGER NOT NULL,
            number                INTEGER NOT NULL,
            title                 TEXT NOT NULL,
            background            TEXT NOT NULL DEFAULT '',
            state                 TEXT NOT NULL CHECK (state IN ('collecting', 'voting', 'closed', 'cancelled')),
            method                TEXT NOT NULL,
            quorum                REAL NOT NULL,
            opened_by             INTEGER NOT NULL,
            opened_at             REAL NOT NULL,
            source_message_id     INTEGER,
            collect_deadline      REAL NOT NULL,
            vote_deadline         REAL NOT NULL,
            voting_started_at     REAL,
            closed_at             REAL,
            card_message_id       INTEGER,
            ballot_message_id     INTEGER,
            resolution_message_id INTEGER,
            UNIQUE (chat_id, number),
            UNIQUE (chat_id, source_message_id)
        );
        CREATE INDEX topics_open ON topics (state) WHERE state IN ('collecting', 'voting');

        CREATE TABLE proposals (
            id          INTEGER PRIMARY KEY,
            topic_id    INTEGER NOT NULL REFERENCES topics (id),
            number      INTEGER NOT NULL,
            chat_id     INTEGER NOT NULL,
            message_id  INTEGER NOT NULL,
            author_id   INTEGER NOT NULL,
            author_name TEXT NOT NULL,
            text        TEXT NOT NULL,
            hidden      INTEGER NOT NULL DEFAULT 0,
            created_at  REAL NOT NULL,
            UNIQUE (topic_id, number),
            UNIQUE (chat_id, message_id)
        );

        CREATE TABLE votes (
            topic_id   INTEGER NOT NULL REFERENCES topics (id),
            voter_id   INTEGER NOT NULL,
            option     INTEGER NOT NULL,
            via        TEXT NOT NULL CHECK (via IN ('button', 'text')),
            cast_at    REAL NOT NULL,
            PRIMARY KEY (topic_id, voter_id)
        );

        CREATE TABLE resolutions (
            topic_id      INTEGER PRIMARY KEY REFERENCES topics (id),
            outcome       TEXT NOT NULL,
            winners       TEXT NOT NULL,
            counts        TEXT NOT NULL,
            voters        INTEGER NOT NULL,
            members       INTEGER,
            quorum_needed INTEGER NOT NULL,
            quorum_met    INTEGER NOT NULL,
            created_at    REAL NOT NULL
        );

        CREATE TABLE audit_log (
            id        INTEGER PRIMARY KEY,
            chat_id   INTEGER NOT NULL,
            topic_id  INTEGER,
            actor_id  INTEGER,
            action    TEXT NOT NULL,
            detail    TEXT NOT NULL DEFAULT '',
            at        REAL NOT NULL
        );

        CREATE TABLE outbox (
            id          INTEGER PRIMARY KEY,
            chat_id     INTEGER NOT NULL,
            purpose     TEXT NOT NULL,
            topic_id    INTEGER,
            text        TEXT NOT NULL,
            keyboard    TEXT,
            reply_to    INTEGER,
            pin         INTEGER NOT NULL DEFAULT 0,
            created_at  REAL NOT NULL,
            sent_at     REAL,
            message_id  INTEGER,
            attempts    INTEGER NOT NULL DEFAULT 0,
            last_error  TEXT,
            dead        INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL AND dead = 0;

        CREATE TABLE drafts (
            chat_id     INTEGER NOT NULL,
            message_id  INTEGER NOT NULL,
            author_id   INTEGER NOT NULL,
            author_name TEXT NOT NULL,
            text        TEXT NOT NULL,
            created_at  REAL NOT NULL,
            PRIMARY KEY (chat_id, message_id)
        );

        CREATE TABLE updates_seen (
            update_id  INTEGER PRIMARY KEY,
            at         REAL NOT NULL
        );
        """,
    ),
    (
        2,
        "supports, merges, categories, held-back messages",
        """
        CREATE TABLE supports (
            topic_id  INTEGER NOT NULL REFERENCES topics (id),
            number    INTEGER NOT NULL,
            user_id   INTEGER NOT NULL,
            at        REAL NOT NULL,
            PRIMARY KEY (topic_id, number, user_id)
        );

        ALTER TABLE proposals ADD COLUMN merged_into INTEGER;

        ALTER TABLE topics ADD COLUMN category TEXT;
        ALTER TABLE topics ADD COLUMN category_by INTEGER;

        CREATE TABLE held_back (
            id         INTEGER PRIMARY KEY,
            chat_id    INTEGER NOT NULL,
            topic_id   INTEGER,
            user_id    INTEGER NOT NULL,
            user_name  TEXT NOT NULL,
            kind       TEXT NOT NULL CHECK (kind IN ('proposal', 'vote')),
            text       TEXT NOT NULL,
            at         REAL NOT NULL
        );
        """,
    ),
    (
        3,
        "scheduled posts: quiet hours, attachments, what is done; indexes for the weekly digest",
        """
        ALTER TABLE outbox ADD COLUMN not_before REAL;
        ALTER TABLE outbox ADD COLUMN document BLOB;
        ALTER TABLE outbox ADD COLUMN filename TEXT;

        CREATE TABLE schedule_state (
            name        TEXT PRIMARY KEY,
            done_until  REAL NOT NULL
        );

        CREATE TABLE schedule_marks (
            key  TEXT PRIMARY KEY,
            at   REAL NOT NULL
        );

        CREATE INDEX topics_opened_at ON topics (opened_at);
        CREATE INDEX topics_closed_at ON topics (closed_at) WHERE closed_at IS NOT NULL;
        CREATE INDEX proposals_created_at ON proposals (created_at);
        CREATE INDEX votes_cast_at ON votes (cast_at);
        CREATE INDEX supports_at ON supports (at);
        CREATE INDEX outbox_purpose ON outbox (chat_id, purpose, created_at);
        """,
    ),
    (
        4,
        "rules per topic: household votes, thresholds, open ballots, hidden results, run-offs, shortlists, proxies",
        """
        ALTER TABLE topics ADD COLUMN one_vote_per TEXT NOT NULL DEFAULT 'person';
        ALTER TABLE topics ADD COLUMN threshold TEXT NOT NULL DEFAULT 'majority';
        ALTER TABLE topics ADD COLUMN ballot TEXT NOT NULL DEFAULT 'secret';
        ALTER TABLE topics ADD COLUMN results TEXT NOT NULL DEFAULT 'live';
        ALTER TABLE topics ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE topics ADD COLUMN runoff_of INTEGER;
        ALTER TABLE topics ADD COLUMN shortlist TEXT;

        CREATE TABLE votes_v4 (
            topic_id    INTEGER NOT NULL REFERENCES topics (id),
            voter_key   TEXT NOT NULL,
            option      INTEGER NOT NULL,
            voter_id    INTEGER NOT NULL,
            voter_name  TEXT NOT NULL DEFAULT '',
            via         TEXT NOT NULL CHECK (via IN ('button', 'text', 'private', 'proxy')),
            entered_by  INTEGER,
            cast_at     REAL NOT NULL,
            PRIMARY KEY (topic_id, voter_key, option)
        );
        INSERT INTO votes_v4 (topic_id, voter_key, option, voter_id, via, cast_at)
            SELECT topic_id, 'u:' || voter_id, option, voter_id, via, cast_at FROM votes;
        DROP TABLE votes;
        ALTER TABLE votes_v4 RENAME TO votes;
        CREATE INDEX votes_cast_at ON votes (cast_at);
        CREATE INDEX votes_voter ON votes (voter_id);

        CREATE TABLE residents (
            chat_id        INTEGER NOT NULL,
            user_id        INTEGER NOT NULL,
            name           TEXT NOT NULL,
            household      TEXT,
            registered_at  REAL,
            registered_by  INTEGER,
            seen_at        REAL NOT NULL,
            PRIMARY KEY (chat_id, user_id)
        );
        CREATE INDEX residents_user ON residents (user_id);
        CREATE INDEX residents_household ON residents (chat_id, household) WHERE household IS NOT NULL;
        """,
    ),
    (
        5,
        "follow-up: action items with their history, reviews of a resolution and residents' answers",
        """
        CREATE TABLE action_items (
            id                 INTEGER PRIMARY KEY,
            chat_id            INTEGER NOT NULL,
            topic_id           INTEGER NOT NULL REFERENCES topics (id),
            number             INTEGER NOT NULL,
            text               TEXT NOT NULL,
            owner_name         TEXT NOT NULL,
            owner_id           INTEGER,
            owner_username     TEXT,
            due_on             TEXT NOT NULL,
            due_at             REAL NOT NULL,
            status             TEXT NOT NULL CHECK (status IN ('todo', 'doing', 'done', 'paused')),
            created_by         INTEGER NOT NULL,
            created_at         REAL NOT NULL,
            updated_at         REAL NOT NULL,
            closed_at          REAL,
            source_message_id  INTEGER,
            UNIQUE (chat_id, number),
            UNIQUE (chat_id, source_message_id)
        );
        CREATE INDEX action_items_open ON action_items (due_at) WHERE status IN ('todo', 'doing');
        CREATE INDEX action_items_topic ON action_items (topic_id);

        CREATE TABLE action_updates (
            id           INTEGER PRIMARY KEY,
            item_id      INTEGER NOT NULL REFERENCES action_items (id),
            actor_id     INTEGER NOT NULL,
            actor_name   TEXT NOT NULL,
            from_status  TEXT NOT NULL,
            to_status    TEXT NOT NULL,
            note         TEXT NOT NULL DEFAULT '',
            at           REAL NOT NULL
        );
        CREATE INDEX action_updates_item ON action_updates (item_id);

        CREATE TABLE reviews (
            topic_id   INTEGER PRIMARY KEY REFERENCES topics (id),
            chat_id    INTEGER NOT NULL,
            review_on  TEXT NOT NULL,
            review_at  REAL NOT NULL,
            set_by     INTEGER NOT NULL,
            set_at     REAL NOT NULL,
            asked_at   REAL
        );

        CREATE TABLE review_answers (
            topic_id  INTEGER NOT NULL REFERENCES topics (id),
            user_id   INTEGER NOT NULL,
            answer    INTEGER NOT NULL CHECK (answer IN (1, 2, 3)),
            at        REAL NOT NULL,
            PRIMARY KEY (topic_id, user_id)
        );
        """,
    ),
    (
        6,
        "reaching residents: private /mine and /remindme, reports (举报) that hold a proposal for the facilitators",
        """
        CREATE TABLE private_users (
            user_id     INTEGER PRIMARY KEY,
            started_at  REAL NOT NULL,
            remind      INTEGER NOT NULL DEFAULT 0,
            updated_at  REAL NOT NULL
        );

        ALTER TABLE residents ADD COLUMN left_at REAL;

        ALTER TABLE proposals ADD COLUMN hold TEXT CHECK (hold IN ('held', 'restored', 'confirmed'));

        CREATE TABLE reports (
            topic_id     INTEGER NOT NULL REFERENCES topics (id),
            number       INTEGER NOT NULL,
            reporter_id  INTEGER NOT NULL,
            reason       TEXT NOT NULL DEFAULT '',
            at           REAL NOT NULL,
            PRIMARY KEY (topic_id, number, reporter_id)
        );

        CREATE TABLE votes_set_aside (
            topic_id    INTEGER NOT NULL REFERENCES topics (id),
            voter_key   TEXT NOT NULL,
            option      INTEGER NOT NULL,
            voter_id    INTEGER NOT NULL,
            voter_name  TEXT NOT NULL DEFAULT '',
            via         TEXT NOT NULL,
            entered_by  INTEGER,
            cast_at     REAL NOT NULL,
            PRIMARY KEY (topic_id, voter_key, option)
        );
        """,
    ),
    (
        7,
        "proposals sent in private chat (the 【议题】 card's deep link)",
        # A private message's id says nothing about the group: it may equal a group message's id, and proposals
        # are unique per (chat_id, message_id) of the group. A private proposal is therefore keyed in the group by
        # the negative id of its row here (Telegram's message ids are positive), and found again here by the
        # private message that carried it (a redelivered update records it once).
        """
        CREATE TABLE private_proposals (
            id          INTEGER PRIMARY KEY,
            user_id     INTEGER NOT NULL,
            message_id  INTEGER NOT NULL,
            topic_id    INTEGER NOT NULL REFERENCES topics (id),
            created_at  REAL NOT NULL,
            UNIQUE (user_id, message_id)
        );
        """,
    ),
    (
        8,
        "questions about typed messages leaning to an option (您是想投 #2 吗？) and answers: nobody is asked twice",
        # answer: NULL while unanswered, 'yes' (the vote was counted) or 'no' (不是: ask that resident no more in the
        # topic).
        """
        CREATE TABLE vote_questions (
            topic_id    INTEGER NOT NULL REFERENCES topics (id),
            user_id     INTEGER NOT NULL,
            option      INTEGER NOT NULL,
            asked_at    REAL NOT NULL,
            answer      TEXT,
            PRIMARY KEY (topic_id, user_id, option)
        );
        """,
    ),
]
