// PulseJ — evaluate heart-rate methods on videos with ground truth.
//
// Each video needs its ground truth: STEM_gt.csv beside STEM.avi (columns frame,time_s,ppg,hr_bpm),
// or a dataset layout PulseJ reads (UBFC-rPPG subject folders, PURE sessions).
// Writes metrics.csv (one row per method), evaluation.csv (one row per video and method), the
// usual per-video CSV files, and Bland–Altman / estimate-vs-reference plots.
//
// In Fiji: Plugins › Macros › Run... (asks for the folders).
// Headless: bin/pulsej --macro macros/evaluate.ijm "input=/data/videos output=/data/eval methods=POS,CHROM,GREEN"
// Optional keys: methods= or method= (default POS,CHROM,GREEN), roi= (auto: tracked face; whole for face-cropped videos),
// confidence=/path/to/model, ablation=true, plots=false

// a mistyped key was ignored (the macro ran with its default), and without input= or output= headless the
// results went to "/" (no dialog can ask there): both stop the macro with a message and exit status 1
call("org.pulsej.cli.MacroBridge.checkKeys", getArgument(), "input,output,methods,method,confidence,ablation,plots,roi", "evaluate.ijm");
args = getArgument() + " ";
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
// method= (Evaluate's own key) is read as methods=
methods = call("ij.Macro.getValue", args, "methods", call("ij.Macro.getValue", args, "method", "POS,CHROM,GREEN"));
confidence = call("ij.Macro.getValue", args, "confidence", "");
ablation = call("ij.Macro.getValue", args, "ablation", "false");
plots = call("ij.Macro.getValue", args, "plots", "true");
roi = call("ij.Macro.getValue", args, "roi", "auto");
if (input == "") input = getDirectory("Folder of videos with ground truth");
if (output == "") output = getDirectory("Folder for the evaluation");
if (input == "" || output == "") call("org.pulsej.cli.MacroBridge.fail", "evaluate.ijm needs an input and an output folder.");

options = "input=[" + input + "] output=[" + output + "] method=[" + methods + "] roi=" + roi + " ablation=" + ablation + " plots=" + plots;
if (confidence != "") options = options + " confidence=[" + confidence + "]";
run("Evaluate", options);
print("PulseJ: evaluation of " + methods + " on " + input + " is in " + output + " (metrics.csv, evaluation.csv)");
