// vipvault: the desktop app. Thin on purpose: everything lives in vipvault_appcore and vipvault_ui (start-up in
// widgets/launcher.cpp), which the GUI tests drive directly.
#include "launcher.h"

int main(int argc, char *argv[])
{
    return vv::ui::runVipVault(argc, argv);
}
