import os

REDIS_HOST = os.getenv("REDIS_HOST", "localhost")


def main():
    print("ai engine", REDIS_HOST)


if __name__ == "__main__":
    main()
