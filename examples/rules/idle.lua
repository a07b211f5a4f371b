-- Nothing happening for half an hour: park the VM.
function on_tick(vmi)
  local w = vmi.window("30m")
  if w.cpu.max < 0.05 and w.net_rx.max < 1024 then
    return switch_profile("minimal-footprint")
  end
end
