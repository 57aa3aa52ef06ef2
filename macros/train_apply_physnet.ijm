// PulseJ — train PhysNet on a folder of face videos (no labels needed), then measure the same
// videos with it: the paper's "train on the videos to be measured".
//
// In Fiji: Plugins › Macros › Run... (asks for the folders).
// Headless: bin/pulsej --macro macros/train_apply_physnet.ijm "input=/data/videos output=/data/results epochs=20"
// Optional keys: epochs (20), size (64x64), width (16), batch (4), lr (0.002: small CPU runs; paper 1e-5),
// clusters (1: one model; 2: the paper's specialists, one per lighting cluster; 0: automatic)

args = getArgument() + " ";
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
epochs = call("ij.Macro.getValue", args, "epochs", "20");
size = call("ij.Macro.getValue", args, "size", "64x64");
width = call("ij.Macro.getValue", args, "width", "16");
batch = call("ij.Macro.getValue", args, "batch", "4");
lr = call("ij.Macro.getValue", args, "lr", "0.002");
clusters = call("ij.Macro.getValue", args, "clusters", "1");
if (input == "") input = getDirectory("Folder of face videos");
if (output == "") output = getDirectory("Folder for the model and the results");

model = output + File.separator + "physnet-model";
run("Train PhysNet", "input=[" + input + "] output=[" + model + "] epochs=" + epochs + " size=" + size
	+ " width=" + width + " batch=" + batch + " lr=" + lr + " clusters=" + clusters);
run("Estimate Heart Rate", "input=[" + input + "] output=[" + output + "] method=PhysNet model=[" + model + "]");
print("PulseJ: model in " + model + ", results in " + output);
