package org.pulsej.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class OneDnnProfileTest {

	@Test
	void summarisesExecLinesPerKernelAndLayout() {
		final List<String> lines = List.of("onednn_verbose,v1,info,oneDNN v3.7.1",
			"onednn_verbose,v1,primitive,create:cache_miss,cpu,convolution,brg_conv_fwd:avx512_core,forward_training,src:f32::blocked:acdeb::f0 wei:f32:a:blocked:Acdeb32a::f0 bia:f32:a:blocked:a::f0 dst:f32::blocked:acdeb::f0,attr-scratchpad:user,alg:convolution_direct,mb1_ic32oc32,0.5",
			"onednn_verbose,v1,primitive,exec,cpu,convolution,brg_conv_fwd:avx512_core,forward_training,src:f32::blocked:acdeb::f0 wei:f32:a:blocked:Acdeb32a::f0 bia:f32:a:blocked:a::f0 dst:f32::blocked:acdeb::f0,attr-scratchpad:user,alg:convolution_direct,mb1_ic32oc32,6.0",
			"onednn_verbose,v1,primitive,exec,cpu,convolution,brg_conv_fwd:avx512_core,forward_training,src:f32::blocked:acdeb::f0 wei:f32:a:blocked:Acdeb32a::f0 bia:f32:a:blocked:a::f0 dst:f32::blocked:acdeb::f0,attr-scratchpad:user,alg:convolution_direct,mb1_ic32oc32,2.0",
			"onednn_verbose,v1,primitive,exec,cpu,reorder,jit:blk,undef,src:f32::blocked:abcde::f0 dst:f32::blocked:aBcde16b::f0,attr-scratchpad:user,,1x32x64x16x32,2.0",
			"PulseJ: some other output");
		final OneDnnProfile.Summary s = OneDnnProfile.parse(lines);
		assertEquals(2, s.kinds.size());
		assertEquals(10.0, s.totalMs, 1e-9);
		assertEquals(8.0, s.ms("convolution"), 1e-9);
		assertEquals(0.2, s.share("reorder"), 1e-9);
		final OneDnnProfile.Kind conv = s.kinds.keySet().iterator().next();
		assertEquals("brg_conv_fwd:avx512_core", conv.implementation());
		assertEquals("src acdeb, wei Acdeb32a, dst acdeb", conv.layouts());
		assertEquals(2.0, s.kinds.get(conv)[0], 0);
	}
}
