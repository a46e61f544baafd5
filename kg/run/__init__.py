"""Running a build: options and the build itself, the engines that process files (local
processes with a watchdog, a Dask cluster), the cache, staging and atomic swap, signals,
progress and preflight checks. May import every step; no step imports it."""
