import redis

r = redis.Redis(host="quantum_redis", port=6379)
DB_PATH = "/home/user/data/db.sqlite"
