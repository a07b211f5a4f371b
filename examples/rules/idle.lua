-- Nothing happening for half an hour: park the VM. vmi.state remembers since when it has been quiet.
function on_tick(vmi)
  local m = vmi.metrics
  local quiet = m.cpu.samples > 0 and m.cpu.max < 0.05 and m.net_rx.max < 1024
  if not quiet then
    vmi.state.quiet_since = nil
  elseif not vmi.state.quiet_since then
    vmi.state.quiet_since = vmi.now
  elseif vmi.now - vmi.state.quiet_since >= 1800 then
    return switch_profile("minimal-footprint")
  end
end
