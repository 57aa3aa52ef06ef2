// PulseJ — train PhysNet on a folder of face videos (no labels needed), then measure the same
// videos with it: the paper's "train on the videos to be measured".
//
// In Fiji: Plugins › Macros › Run... (asks for the folders).
// Headless: bin/pulsej --macro macros/train_apply_physnet.ijm "input=/data/videos output=/data/results minutes=12"
// Optional keys, passed to Train PhysNet only when given (its defaults otherwise): minutes (time
// budget, 12), epochs (at most, 100), patience (8), size (64x64), width (16), batch (4), lr (0.002;
// paper 1e-5 for long GPU runs), samples (16), seed (0), clusters (1: one model; 2: the paper's
// specialists, one per lighting cluster; 0: automatic), companions (8 generated videos trained on
// beside yours; 0: yours alone), resume (true: continue a training that was stopped)

// a mistyped key was ignored (the macro ran with its default), and without input= or output= headless the
// results went to "/" (no dialog can ask there): both stop the macro with a message and exit status 1
call("org.pulsej.cli.MacroBridge.checkKeys", getArgument(), "input,output,minutes,epochs,patience,size,width,batch,lr,samples,seed,clusters,companions,resume", "train_apply_physnet.ijm");
args = getArgument() + " ";
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
if (input == "") input = getDirectory("Folder of face videos");
if (output == "") output = getDirectory("Folder for the model and the results");
if (input == "" || output == "") call("org.pulsej.cli.MacroBridge.fail", "train_apply_physnet.ijm needs an input and an output folder.");

keys = newArray("minutes", "epochs", "patience", "size", "width", "batch", "lr", "samples", "seed", "clusters", "companions", "resume");
options = "";
for (i = 0; i < keys.length; i++) {
	v = call("ij.Macro.getValue", args, keys[i], "");
	if (v != "") options = options + " " + keys[i] + "=" + v;
}

model = output + File.separator + "physnet-model";
run("Train PhysNet", "input=[" + input + "] output=[" + model + "]" + options);
run("Estimate Heart Rate", "input=[" + input + "] output=[" + output + "] method=PhysNet model=[" + model + "]");
print("PulseJ: model in " + model + ", results in " + output);
