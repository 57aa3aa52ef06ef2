// PulseJ — measure the heart rate in every video of a folder with POS.
//
// In Fiji: Plugins › Macros › Run... (asks for the folders).
// Headless: bin/pulsej --macro macros/batch_pos.ijm "input=/data/videos output=/data/results"
// Fiji headless: ImageJ-linux64 --headless -macro batch_pos.ijm "input=/data/videos output=/data/results"

args = getArgument() + " ";
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
if (input == "") input = getDirectory("Folder of face videos");
if (output == "") output = getDirectory("Folder for the results");

run("Estimate Heart Rate", "input=[" + input + "] output=[" + output + "] method=POS");
print("PulseJ: results for " + input + " are in " + output);
