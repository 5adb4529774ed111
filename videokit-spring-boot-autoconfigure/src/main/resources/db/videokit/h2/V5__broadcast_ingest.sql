-- What a broadcast's ingest answered (its playback URL and own reference, e.g. a Cloudflare live
-- input uid), its first thumbnail, and the video its recording became.
alter table videokit_broadcast add column ingest_reference varchar(255);
alter table videokit_broadcast add column playback_url varchar(1024);
alter table videokit_broadcast add column thumbnail_key varchar(1024);
alter table videokit_broadcast add column recording_uid varchar(64);
alter table videokit_broadcast add column recording_error varchar(1024);
