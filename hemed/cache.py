from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    """Django's, keeping one redis.Redis per connection pool: Django's builds a new one (with
    its table of some 80 reply handlers) for every get and set, a tenth of a millisecond a
    time, three times on every page. redis.Redis is safe to share; the pool holds the
    connections as before."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    """The shared cache when REDIS_URL is set: Django's RedisCache with the client above."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
