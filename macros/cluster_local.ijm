// PulseJ — what a cluster job array does, on one machine: the folder is measured in shards (each
// into its own folder, as separate jobs would), then the shards are merged into one summary.
// Run it again after an interruption: finished videos are skipped.
//
// In Fiji: Plugins › Macros › Run... (asks for the folders).
// Headless: bin/pulsej --macro macros/cluster_local.ijm "input=/data/videos output=/data/results shards=4"
// Fiji headless: ImageJ-linux64 --headless -macro cluster_local.ijm "input=/data/videos output=/data/results shards=4"

// a mistyped key was ignored (the macro ran with its default), and without input= or output= headless the
// results went to "/" (no dialog can ask there): both stop the macro with a message and exit status 1
call("org.pulsej.cli.MacroBridge.checkKeys", getArgument(), "input,output,shards", "cluster_local.ijm");
args = getArgument() + " ";
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
shards = parseInt(call("ij.Macro.getValue", args, "shards", "2"));
if (isNaN(shards) || shards < 1) call("org.pulsej.cli.MacroBridge.fail", "cluster_local.ijm: shards=" + call("ij.Macro.getValue", args, "shards", "2") + " is not a number of shards — Give shards=1 or more, e.g. shards=4.");
if (input == "") input = getDirectory("Folder of face videos");
if (output == "") output = getDirectory("Folder for the results");
if (input == "" || output == "") call("org.pulsej.cli.MacroBridge.fail", "cluster_local.ijm needs an input and an output folder.");
if (endsWith(output, "/") || endsWith(output, "\\")) output = substring(output, 0, lengthOf(output) - 1);
if (output == "") call("org.pulsej.cli.MacroBridge.fail", "cluster_local.ijm: output=/ is the root folder — Give a folder for the results, e.g. output=/data/results.");

for (i = 1; i <= shards; i++)
	run("Batch Estimate", "input=[" + input + "] output=[" + output + "/shard_" + i + "] method=POS plots=false shard=" + i + "/" + shards);
run("Merge Results", "input=[" + output + "] output=[" + output + "/merged]");
print("PulseJ: the results of " + shards + " shards are merged in " + output + "/merged");
