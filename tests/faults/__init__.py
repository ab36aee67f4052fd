"""Fault tests across the whole app: kills, disk errors, a vanished folder, two instances, resizes, big inputs."""
