// npm run bench: prints each benchmark's ratios against a baseline measured in the same run.
console.log("no benchmarks yet");
