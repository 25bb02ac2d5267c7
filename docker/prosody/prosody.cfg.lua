-- Prosody 0.12 for a local Crosspost setup (docker/compose.yaml).
--
-- Users are created by hand; the bot first (its password is CROSSPOST_XMPP_PASSWORD):
--   docker compose exec prosody prosodyctl register bot localhost <password>
--   docker compose exec prosody prosodyctl register alice localhost <password>
-- Accounts live in the prosody-data volume (/var/lib/prosody).
--
-- TLS is optional here: STARTTLS is offered with a self-signed certificate made when the image is
-- built (so desktop clients can use it after accepting the certificate), but not required, so the
-- bot connects in plain text over the compose project's own Docker network (CROSSPOST_XMPP_TLS=disabled;
-- not loopback: only this project's services are on that network). On a real server: a real certificate,
-- c2s_require_encryption = true, and the bot with CROSSPOST_XMPP_TLS=required (docs/docker.md).

admins = { }

modules_enabled = {
	"roster";
	"saslauth";
	"tls";
	"disco";
	"ping";
	"carbons";
	"offline";          -- messages to offline members are stored
	"mam";              -- each account's message archive (XEP-0313): the bot takes in from its own the direct
	                    -- messages a lost session of it never took in (docs/xmpp.md)
	"register";         -- lets members change their password (allow_registration stays false)
	"blocklist";
	"vcard_legacy";
	"time";
	"uptime";
	"version";
	"limits";
}
modules_disabled = { "s2s" }  -- a local server: no federation

allow_registration = false
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_hashed"
-- Accounts and the rest in files; the rooms' archive (mod_muc_mam's store "muc_log") in SQLite: its SQL storage finds
-- a time range or the entries after one through an index, where "internal" reads the whole archive file for every
-- question (a crash check in a room with tens of thousands of lines then stalls Prosody for seconds; docs/xmpp.md).
-- The file is /var/lib/prosody/prosody.sqlite (the prosody-data volume); the image installs lua-dbi-sqlite3 and
-- creates the file in write-ahead-log mode (Prosody commits every archived line on its own: SQLite's default journal
-- syncs the disk several times per commit).
default_storage = "internal"
storage = {
	muc_log = "sql";
	archive = "sql";    -- the accounts' archives (mod_mam), indexed like the rooms'
}
-- the accounts' archives are for the bot's catch-up (crosspost.xmpp.catch-up, 10 min): keep them a day
archive_expires_after = "1d"
sql = { driver = "SQLite3", database = "prosody.sqlite" }
certificates = "certs"  -- /etc/prosody/certs: localhost.crt/.key, generated in the Dockerfile

interfaces = { "*" }
c2s_ports = { 5222 }
s2s_ports = { }
component_ports = { }
http_ports = { }
https_ports = { }

-- Logs to the container's output (docker compose logs prosody).
log = {
	{ levels = { min = "info" }; to = "console" };
}

-- mod_limits: members' clients are throttled as on Debian's default config (10kb/s each, what they
-- send), but the bot relays every channel into the rooms and would fall behind at that rate
-- (about 20-30 lines a second), so it is exempt.
limits = {
	c2s = {
		rate = "10kb/s";
		burst = "2s";
	};
}
unlimited_jids = { "bot@localhost" }

VirtualHost "localhost"

-- Group chat: the rooms named in CROSSPOST_XMPP_ROOMS (team@conference.localhost) are created by the
-- bot when it joins them. New rooms stay locked until their creator configures them (the default).
Component "conference.localhost" "muc"
	-- XEP-0313 archive of every room (muc_log_by_default is on): after a crash or a lost echo the bot looks
	-- for its line's origin-id there before saying the line again.
	modules_enabled = { "muc_mam" }
	-- pages of up to 500 archive entries (default 50): a busy room's check after a crash needs a tenth of the queries.
	max_archive_query_results = 500
	restrict_room_creation = "local"
