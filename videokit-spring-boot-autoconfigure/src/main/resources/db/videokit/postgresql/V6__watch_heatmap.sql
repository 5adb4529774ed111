-- Watch heatmap: the seconds of the video each watch session was served, a little-endian bitmap
-- (bit n = second n), mapped from the served byte ranges through the video's time index.
alter table videokit_watch_session add column watched_seconds bytea;
