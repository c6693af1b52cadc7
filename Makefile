# `make run` and `make test` each do the whole set-up first (idempotent, quick when already done).
.PHONY: setup run test bench

setup:
	bash scripts/setup.sh

# The dashboard with the demo conversation (made at set-up) replaying into it in real time.
run: setup
	EMOSTREAM_Demo__Enabled=true dotnet src/Dashboard/Cli/bin/Release/net10.0/linux-x64/emostream.dll serve

test: setup
	dotnet test Streaming.sln -c Release --no-build --logger "console;verbosity=normal"
