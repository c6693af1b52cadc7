# `make run` and `make test` each do the whole set-up first (idempotent, quick when already done).
.PHONY: setup run test bench

setup:
	bash scripts/setup.sh

run: setup
	dotnet src/Dashboard/bin/Release/net10.0/linux-x64/emostream.dll serve

test: setup
	dotnet test Streaming.sln -c Release --no-build --logger "console;verbosity=normal"
