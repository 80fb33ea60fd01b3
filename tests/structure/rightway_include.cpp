// The control for wrongway_include.cpp: the same target setup with an include the calls stage may use
// compiles, so the wrong-way test fails for the right reason (the layering), not a broken probe.
#include "calls/dialogtracker.h"
#include "sip/sdp.h"

int layeringProbeRight()
{
    return 0;
}
