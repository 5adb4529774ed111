-- Creating calls sent to Cloudflare for a video, recorded BEFORE they are sent: once Cloudflare
-- may have acted on one, videokit looks for its result instead of asking again.
alter table videokit_cloudflare_video add column clip_requested timestamp(6) with time zone;
alter table videokit_cloudflare_video add column download_requested timestamp(6) with time zone;
