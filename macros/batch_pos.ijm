// PulseJ — measure the heart rate in every video of a folder with POS.
//
// In Fiji: Plugins › Macros › Run... (asks for the folders).
// Headless: bin/pulsej --macro macros/batch_pos.ijm "input=/data/videos output=/data/results"
// Fiji headless: ImageJ-linux64 --headless -macro batch_pos.ijm "input=/data/videos output=/data/results"

// a mistyped key was ignored (the macro ran with its default), and without input= or output= headless the
// results went to "/" (no dialog can ask there): both stop the macro with a message and exit status 1
call("org.pulsej.cli.MacroBridge.checkKeys", getArgument(), "input,output", "batch_pos.ijm");
args = getArgument() + " ";
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
if (input == "") input = getDirectory("Folder of face videos");
if (output == "") output = getDirectory("Folder for the results");
if (input == "" || output == "") call("org.pulsej.cli.MacroBridge.fail", "batch_pos.ijm needs an input and an output folder.");

run("Estimate Heart Rate", "input=[" + input + "] output=[" + output + "] method=POS");
print("PulseJ: results for " + input + " are in " + output);
